# expect STW2037
const i32 a = "x"
