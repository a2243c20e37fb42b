module example.com/fixtures/heap

go 1.19
