using Alliance.Tools.Reconcile;

return await ReconcileCommand.RunAsync(args, Console.Out);
