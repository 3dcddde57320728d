# expect STW2039
const i32 x = y
