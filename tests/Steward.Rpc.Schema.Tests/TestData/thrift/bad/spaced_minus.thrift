# expect STW2005
const i32 x = - 5
