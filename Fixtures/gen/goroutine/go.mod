module example.com/fixtures/goroutine

go 1.19
