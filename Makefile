# The two commands of the README: `make run` and `make test`. Both install everything first.
.PHONY: setup run test test-fast bench evaluate schema clean

DB ?= sqlite:///marsad.db
PORT ?= 8765

setup:
	@scripts/setup.sh

# Extract the bundled example, ingest the examples into the store, and serve the workbench.
run: setup
	.venv/bin/marsad extract examples/ghwayran/article.ar.txt
	.venv/bin/marsad ingest examples --db $(DB)
	.venv/bin/marsad serve --db $(DB) --host 127.0.0.1 --port $(PORT)

# The whole test suite (PostgreSQL, Dask and Chromium included).
test: setup
	.venv/bin/python -m pytest -q -rs

test-fast: setup
	.venv/bin/python -m pytest -q -m "not slow and not browser and not postgres"

bench: setup
	.venv/bin/python scripts/bench_extract.py

evaluate: setup
	.venv/bin/marsad evaluate --dev-sets --gold examples/ghwayran/expected.json \
		--notes benchmarks/acled_style_notes.yaml benchmarks/acled_style_notes_2.yaml
	.venv/bin/marsad evaluate --gold benchmarks/articles/dev
	.venv/bin/marsad evaluate --gold benchmarks/articles/heldout4
	.venv/bin/marsad evaluate --gold benchmarks/articles/heldout6
	.venv/bin/marsad evaluate --gold benchmarks/articles/heldout7
	.venv/bin/marsad evaluate --gold benchmarks/articles/heldout8
	.venv/bin/marsad evaluate --gold benchmarks/articles/heldout9
	.venv/bin/marsad evaluate --gold benchmarks/articles/heldout10
	.venv/bin/marsad evaluate --gold benchmarks/articles/heldout11
	.venv/bin/marsad evaluate --gold benchmarks/articles/heldout12
	.venv/bin/marsad evaluate --gold benchmarks/articles/heldout13
	.venv/bin/marsad evaluate --gold benchmarks/articles/heldout14
	.venv/bin/marsad evaluate --gold benchmarks/articles/heldout15

schema:
	.venv/bin/python scripts/make_schema.py

clean:
	rm -rf .venv node_modules marsad/web/static/vendor marsad.db
