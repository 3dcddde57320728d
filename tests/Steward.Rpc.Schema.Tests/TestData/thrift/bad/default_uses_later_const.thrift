# expect STW2039
struct S { 1: i32 a = A }
const i32 A = 1
