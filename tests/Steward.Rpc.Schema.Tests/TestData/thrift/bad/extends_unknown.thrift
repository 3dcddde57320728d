# expect STW2043
service S extends Nothing {}
