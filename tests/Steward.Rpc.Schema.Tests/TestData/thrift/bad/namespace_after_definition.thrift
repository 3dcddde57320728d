# expect STW2001
struct S {}
namespace py x
