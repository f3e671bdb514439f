// libtorch's random generator is global to the process; tests that seed it must not run side by side.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
