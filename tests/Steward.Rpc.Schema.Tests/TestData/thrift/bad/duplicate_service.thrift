# expect STW2032
service S {}
service S {}
