# expect STW2043
service S extends B {}
service B {}
