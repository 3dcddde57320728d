# expect STW2042
struct X {}
service S {
  void f() throws (1: X x)
}
