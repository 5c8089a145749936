import type { ChimeBaseClient } from '@chime-api/client/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { UpdateUserForm } from './UpdateUserForm.js';

/** The page: one QueryClient for its lifetime, the form under it. */
export function App({ client }: { client: ChimeBaseClient }) {
  const [queryClient] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <h1>Update a user's licence</h1>
      <UpdateUserForm client={client} />
    </QueryClientProvider>
  );
}
