# expect STW2034
struct S {
  1: i32 a,
  1: i32 b
}
