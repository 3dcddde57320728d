# expect STW2032
struct S {}
struct S {}
