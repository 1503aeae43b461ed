package dev.eider.server.cli;

import dev.eider.server.auth.DigestSecret;
import dev.eider.server.auth.PasswordHash;
import dev.eider.server.auth.Role;
import dev.eider.server.auth.UserEntry;
import dev.eider.server.auth.UsersFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./eider user add|remove|list}: manages the server's users file. */
@Command(name = "user", mixinStandardHelpOptions = true,
    description = "Manages the users file of ./eider serve --users FILE (the server re-reads it on change).",
    subcommands = {UserCommand.Add.class, UserCommand.Remove.class, UserCommand.ListUsers.class})
public final class UserCommand {

  /** The users file option every subcommand takes. */
  static final class UsersFileOption {
    @Option(names = "--users", paramLabel = "FILE",
        description = "Users file (default: eider-users.properties in the Eider folder).")
    Path file;

    Path resolve() {
      return file != null ? file : Path.of(System.getProperty("eider.home", ".")).resolve("eider-users.properties");
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Adds a user, or changes an existing user's password and role.",
          "The password is read from standard input (twice on a terminal), never from the command line."})
  static final class Add implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Login name.")
    String name;

    @Option(names = "--role", required = true, description = "reader (queries), writer (+ DML) or admin (+ DDL).")
    String role;

    @Option(names = "--digest", description = "Also store the HTTP DIGEST secret (MD5-based HA1), so this user can"
        + " log in to a server started with --auth digest. Without it the user can use BASIC only.")
    boolean digest;

    @Mixin
    UsersFileOption users;

    @Override
    public Integer call() throws IOException {
      UserEntry.requireValidName(name);
      Role parsedRole = Role.parse(role);
      Path file = users.resolve();
      Map<String, UserEntry> entries = UsersFile.read(file);
      char[] password = readPassword(name);
      try {
        PasswordHash hash = PasswordHash.create(password, new SecureRandom());
        String ha1 = digest ? DigestSecret.ha1(name, password) : null;
        boolean existed = entries.put(name, new UserEntry(name, parsedRole, hash, ha1)) != null;
        UsersFile.write(file, entries.values());
        System.out.println((existed ? "updated" : "added") + " user " + name + " (" + parsedRole.label()
            + (digest ? ", BASIC and DIGEST" : ", BASIC only") + ") in " + file);
      } finally {
        Arrays.fill(password, '\0');
      }
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a user.")
  static final class Remove implements Callable<Integer> {
    @Parameters(paramLabel = "NAME")
    String name;

    @Mixin
    UsersFileOption users;

    @Override
    public Integer call() throws IOException {
      Path file = users.resolve();
      Map<String, UserEntry> entries = UsersFile.read(file);
      if (entries.remove(name) == null) {
        System.err.println("no user " + name + " in " + file);
        return 1;
      }
      UsersFile.write(file, entries.values());
      System.out.println("removed user " + name + " from " + file);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists users and roles.")
  static final class ListUsers implements Callable<Integer> {
    @Mixin
    UsersFileOption users;

    @Override
    public Integer call() throws IOException {
      PrintStream out = System.out;
      for (UserEntry user : UsersFile.read(users.resolve()).values()) {
        out.println(user.name() + "\t" + user.role().label() + "\t" + (user.allowsDigest() ? "basic,digest" : "basic"));
      }
      return 0;
    }
  }

  static char[] readPassword(String name) throws IOException {
    Console console = System.console();
    char[] password;
    if (console != null && console.isTerminal()) {
      password = console.readPassword("Password for %s: ", name);
      char[] again = console.readPassword("Repeat it: ");
      if (password == null || !Arrays.equals(password, again)) {
        throw new IOException("the two passwords differ; nothing changed");
      }
    } else {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    if (password.length == 0) {
      throw new IOException("no password given on standard input; nothing changed");
    }
    return password;
  }
}
