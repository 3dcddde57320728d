# expect STW2039
const i32 B = A
const i32 A = 1
