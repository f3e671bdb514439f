using SuperTune.Cli;

// The `supertune` command: train, evaluate and predict. Composition only; the work lives in the libraries.
return SuperTuneCommand.Run(args, Console.Out, Console.Error);
