# expect STW2007
struct end { 1: i32 a }
