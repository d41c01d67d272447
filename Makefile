# Rasid: two commands for users (`make run`, `make test`); the rest for developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= ../shared/data
STAMP := $(VENV)/.installed

.PHONY: run test bench models lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/rasid analyze examples/kim-putin-vostochny.txt --date 2023-09-14 --format table
	$(BIN)/rasid ingest examples/ --db rasid.db --date 2023-09-14
	$(BIN)/rasid query --db rasid.db --limit 20 --format table
	$(BIN)/rasid stats --db rasid.db --top dyads --format table

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_text.py --data $(DATA)/news/politics.jsonl
	$(BIN)/python benchmarks/bench_ner.py --data $(DATA)/news/politics.jsonl
	$(BIN)/python benchmarks/bench_pipeline.py --data $(DATA)/news/politics.jsonl
	$(BIN)/python benchmarks/bench_summary.py --data $(DATA)/news/politics.jsonl
	$(BIN)/python benchmarks/bench_store.py --data $(DATA)/news
	$(BIN)/rasid ingest $(DATA)/news --db /tmp/rasid-bench.db
	$(BIN)/python benchmarks/bench_api.py --db /tmp/rasid-bench.db
	$(BIN)/python benchmarks/bench_scale.py --data $(DATA)/news

models: $(STAMP)
	$(BIN)/rasid train vocab --data $(DATA)/news
	$(BIN)/rasid train clusters --data $(DATA)/news
	$(BIN)/rasid train gazetteer --anergazet $(DATA)/anergazet
	$(BIN)/rasid train ner --data $(DATA)/anercorp/train.txt
	$(BIN)/rasid train events-filter --data $(DATA)/arabic_event_gsr

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
