module example.com/fixtures/crafted

go 1.19
