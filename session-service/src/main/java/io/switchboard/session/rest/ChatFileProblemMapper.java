package io.switchboard.session.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.switchboard.kit.problem.Problem;
import io.switchboard.session.service.InvalidChatFile;

/** A chat file refused on import: a 400 problem listing each field found wrong by its place in the file. */
public class ChatFileProblemMapper {

    @ServerExceptionMapper
    public Response invalid(InvalidChatFile e, UriInfo uri) {
        Problem problem = new Problem(InvalidChatFile.TYPE, "Invalid chat file", 400, e.getMessage(), uri.getPath(),
                e.violations());
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
