"""What the benchmarks serve under gunicorn: the test settings with a hello-world view added to
the networks' URLs (only here, never in the product's URLs)."""
