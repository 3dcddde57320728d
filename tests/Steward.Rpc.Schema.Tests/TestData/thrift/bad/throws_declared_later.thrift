# expect STW2030
service S {
  void f() throws (1: L x)
}
exception L {}
