# expect STW2041
exception X {}
service S {
  oneway void f() throws (1: X x)
}
