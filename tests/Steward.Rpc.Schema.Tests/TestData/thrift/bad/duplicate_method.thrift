# expect STW2036
service S {
  void f(),
  void f()
}
