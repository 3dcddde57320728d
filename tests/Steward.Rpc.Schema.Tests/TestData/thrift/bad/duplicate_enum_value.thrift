# expect STW2035
enum E {
  A,
  A
}
