package io.switchboard.session.service;

import io.switchboard.session.model.Project;
import io.switchboard.session.model.ProjectRole;

/** A project as one member sees it: with their role in it. */
public record MemberProject(Project project, ProjectRole role) {
}
