# expect STW2032
const i32 X = 1
const i32 X = 2
