package io.switchboard.workspace.api;

/** Which earlier commit of the chat's branch to bring its files back from. */
public record RestoreRequest(String commit) {
}
