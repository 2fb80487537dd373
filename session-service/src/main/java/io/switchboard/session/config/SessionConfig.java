package io.switchboard.session.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "switchboard.session")
public interface SessionConfig {

    /** Model a new chat gets when the request names none. */
    @WithDefault("offline")
    String defaultModel();

    /** Title a new chat gets when the request names none. */
    @WithDefault("New chat")
    String defaultChatTitle();

    /** Title of the chat every project is created with; that chat cannot be deleted. */
    @WithDefault("Main conversation")
    String defaultProjectChatTitle();

    /** Most chats one list page returns, and how many when the request does not say. */
    @WithDefault("200")
    int chatListMaxPage();

    @WithDefault("50")
    int chatListDefaultPage();

    /** Most chats one search returns. */
    @WithDefault("50")
    int searchMaxResults();

    /** Projects one tenant may have; one more is refused with a 409 problem. */
    @WithDefault("1000")
    int maxProjectsPerTenant();

    /** Chats one tenant may have across its projects; one more is refused with a 409 problem. */
    @WithDefault("20000")
    int maxChatsPerTenant();

    /** Most messages one history page returns. */
    @WithDefault("1000")
    int historyMaxPage();

    /** Most audit entries one page returns. */
    @WithDefault("200")
    int auditMaxPage();

    /** Members one project may have; one more is refused with a 409 problem. */
    @WithDefault("1000")
    int maxMembersPerProject();

    /** How long audit entries are kept; older ones are deleted once a day. */
    @WithDefault("365d")
    Duration auditRetention();
}
