// Each test starts a Kestrel server, and one test sets SUPERTUNE_API_KEY for the whole process. Running
// them one at a time keeps both from interfering and leaves the shared cores to other work.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
