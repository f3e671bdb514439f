using SuperTune.Bench;

// Benchmarks that train on public datasets and append their results to docs/benchmarks.md.
return BenchmarkCommand.Run(args);
