module example.com/fixtures/labels

go 1.19
