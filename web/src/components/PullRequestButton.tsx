import { useEffect, useState } from 'react';

import { api } from '../api/http';
import { pullRequestToVisit } from '../state/pullRequest';

/**
 * The top bar's pull-request button: takes the user to the active chat's open pull request on GitHub, opening one
 * with the chat's title first when it has none. Disabled without an active chat; a refusal shows the server's
 * reason beside it.
 */
export function PullRequestButton(props: { chatId: string | null; title: string }) {
    const [busy, setBusy] = useState(false);
    const [problem, setProblem] = useState<string | null>(null);
    useEffect(() => setProblem(null), [props.chatId]);

    const visit = async () => {
        if (!props.chatId) {
            return;
        }
        // Opened now, while the click still counts as the user's: a tab opened after a request is a blocked pop-up.
        const tab = window.open('', '_blank');
        if (tab) {
            tab.opener = null;
        }
        setBusy(true);
        setProblem(null);
        try {
            const pullRequest = await pullRequestToVisit(api, props.chatId, props.title);
            if (tab) {
                tab.location.href = pullRequest.url;
            } else {
                window.open(pullRequest.url, '_blank', 'noopener,noreferrer');
            }
        } catch (e) {
            tab?.close();
            setProblem(e instanceof Error ? e.message : String(e));
        } finally {
            setBusy(false);
        }
    };

    return (
        <span className="pull-request-button">
            <button disabled={!props.chatId || busy} onClick={visit}
                title={props.chatId ? 'Open the chat\'s pull request on GitHub' : 'Open a chat first'}>
                Pull request
            </button>
            {problem && <span className="problem" role="alert">{problem}</span>}
        </span>
    );
}
