-- One database per service; each service's Flyway migrations create its tables.
CREATE DATABASE sessions OWNER switchboard;
CREATE DATABASE chats OWNER switchboard;
CREATE DATABASE workspaces OWNER switchboard;
