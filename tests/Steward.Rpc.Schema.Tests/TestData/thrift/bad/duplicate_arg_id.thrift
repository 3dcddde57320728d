# expect STW2034
service S {
  void f(1: i32 a, 1: i32 b)
}
