# expect STW2033
struct S {
  1: i32 a,
  2: i32 a
}
