# expect STW2032
struct S {}
service S {}
