// The rows of an import the server refused, by line number, so they can be fixed in the file.
import Table from 'react-bootstrap/Table';
import type { components } from '@/lib/api/schema';
import { WideTable } from './WideTable';

type FieldError = components['schemas']['FieldError'];

export function RejectedRowsTable({ errors, caption = 'Rejected rows' }: { errors: FieldError[]; caption?: string }) {
  if (errors.length === 0) return null;
  return (
    <WideTable className="rejected-rows">
      <Table size="sm" striped className="mb-0">
        <caption className="caption-top">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((error, index) => (
            <tr key={index}>
              <td>{error.line ?? '—'}</td>
              <td>{error.detail}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </WideTable>
  );
}
