# expect STW2037
const i32 A = 1
const string B = A
