import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actingOrganisation, type Workspace } from '../api/client';
import { Button, PageHeading } from '../ui/components';
import { useLocalized } from '../ui/format';
import { type Post, useSession } from './session';

export interface WorkspacePost {
  /** The person's posts of this workspace's kind. */
  readonly posts: readonly Post[];
  /** The post they act for: their only one, or the one they chose. */
  readonly chosen: Post | undefined;
  /**
   * Several posts and none chosen yet, or the person asked to choose again: nothing of the
   * workspace can be shown until they say which.
   */
  readonly needsChoice: boolean;
  /** Whether there is another post to change to. */
  readonly canChange: boolean;
  choose(organisationId: string): void;
  /** Asks again which post they act for (the choice page is shown until they pick one). */
  change(): void;
}

/**
 * Which of their posts a person acts for in a workspace. With one post the API needs no word about
 * it; with several, the choice goes with every request of the workspace, and what was read for
 * another organisation is forgotten when the choice changes.
 */
export function useWorkspacePost(
  workspace: Exclude<Workspace, 'admin'>,
  options: {
    /** What belongs to one organisation and must not be carried to another (a walk-in half taken). */
    readonly onSwitched?: () => void;
  } = {},
): WorkspacePost {
  const { workspaces } = useSession();
  const queryClient = useQueryClient();
  const posts = workspaces[workspace];
  const [acting, setActing] = useState(actingOrganisation.get(workspace));
  const [changing, setChanging] = useState(false);
  const { onSwitched } = options;
  const chosen = posts.length === 1 ? posts[0] : posts.find((post) => post.organisationId === acting);
  const choose = useCallback(
    (organisationId: string) => {
      if (organisationId !== chosen?.organisationId) onSwitched?.();
      actingOrganisation.set(workspace, organisationId);
      setActing(organisationId);
      setChanging(false);
      queryClient.removeQueries({ predicate: (query) => String(query.queryKey[0]).startsWith(workspace) });
    },
    [workspace, queryClient, chosen, onSwitched],
  );
  const change = useCallback(() => setChanging(true), []);
  return {
    posts,
    chosen,
    needsChoice: posts.length > 1 && (chosen === undefined || changing),
    canChange: posts.length > 1,
    choose,
    change,
  };
}

/** The page that asks someone with several posts which organisation they act for. */
export function ChoosePost({ post }: { post: WorkspacePost }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  return (
    <section className="narrow">
      <PageHeading title={t('choosePost.title')}>{t('choosePost.title')}</PageHeading>
      <p>{t('choosePost.lead')}</p>
      <ul className="choose-post">
        {post.posts.map((each) => (
          <li key={each.id}>
            <Button kind="secondary" onClick={() => post.choose(each.organisationId)}>
              {localized(each.organisationName, each.organisationId)}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
