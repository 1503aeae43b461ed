package dev.eider.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./eider} command line: one picocli subcommand per job. */
@Command(
    name = "eider",
    mixinStandardHelpOptions = true,
    version = "Eider 0.1.0",
    description = "SQL vector search over DuckDB with an LM-DiskANN index.",
    subcommands = {CommandLine.HelpCommand.class, SqlCommand.class, ServeCommand.class,
        UserCommand.class, ServeBenchCommand.class, DemoCommand.class, IndexBenchCommand.class,
        PlannerBenchCommand.class})
public final class EiderCli implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line; a command that fails prints its error in one line and exits with status 1. */
  public static CommandLine commandLine() {
    return new CommandLine(new EiderCli()).setExecutionExceptionHandler((e, command, parseResult) -> {
      command.getErr().println("eider " + command.getCommandName() + ": " + e.getMessage());
      return 1;
    });
  }
}
