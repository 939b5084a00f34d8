package dev.streamcast.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** A command of {@link Cli}: where it prints ({@code cli.out}, {@code cli.err}) and its picocli model. */
abstract class Subcommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;
    @Spec
    CommandSpec spec;
}
