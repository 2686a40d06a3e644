backtest tests/data/forecast/m1-yearly-train.csv --test tests/data/forecast/m1-yearly-test.csv --method naive,drift,theta --format csv --no-time --jobs 2
