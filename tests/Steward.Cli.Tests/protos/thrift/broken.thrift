struct Broken {
  1: i32 a,
  1: i32 b,
  2: Nowhere c,
}
