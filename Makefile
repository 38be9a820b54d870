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
	for set in benchmarks/articles/*/; do .venv/bin/marsad evaluate --gold "$$set" || exit 1; done

schema:
	.venv/bin/python scripts/make_schema.py

clean:
	rm -rf .venv node_modules marsad/web/static/vendor marsad.db
