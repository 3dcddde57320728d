# expect STW2030
const T x = 1
typedef i32 T
