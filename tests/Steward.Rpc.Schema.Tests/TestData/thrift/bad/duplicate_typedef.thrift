# expect STW2032
typedef i32 T
typedef i64 T
