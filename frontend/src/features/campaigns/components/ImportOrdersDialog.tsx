// Imports orders from a shop's CSV export, then reports what was written, what was already there,
// which lines were refused, and, most of all, which codes and links matched no creator: those orders
// are credited to nobody until a creator gets that code.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Table from 'react-bootstrap/Table';
import { CsvInput } from '@/components/ui/CsvInput';
import { FormDialog } from '@/components/ui/FormDialog';
import { ImportModeChoice, type ImportMode } from '@/components/ui/ImportModeChoice';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { RejectedRowsTable } from '@/components/ui/RejectedRowsTable';
import { WideTable } from '@/components/ui/WideTable';
import { hasCode } from '@/lib/api/problem';
import { formatWhole } from '@/lib/format';
import { ORDER_CSV_COLUMNS, splitRejection, useImportOrders, type OrderImportResult } from '../api/import-orders';

const count = (n: number, one: string, many: string) => `${formatWhole(n)} ${n === 1 ? one : many}`;

function ImportSummary({ result }: { result: OrderImportResult }) {
  return (
    <Alert variant={result.rows_rejected === 0 ? 'success' : 'warning'} role="status">
      Wrote {count(result.rows_written, 'order', 'orders')}
      {result.duplicates > 0 && `, skipped ${count(result.duplicates, 'duplicate', 'duplicates')} already imported`}
      {result.rows_rejected > 0 && `, left out ${count(result.rows_rejected, 'line', 'lines')}`}.
    </Alert>
  );
}

export function UnmatchedRows({ unmatched }: { unmatched: OrderImportResult['unmatched'] }) {
  if (unmatched.length === 0) return null;
  const values = [...new Set(unmatched.map((row) => row.value))];
  return (
    <Alert variant="danger" className="unmatched-codes">
      <h3 className="h6">{count(unmatched.length, 'order matches', 'orders match')} no creator of this campaign</h3>
      <p className="mb-2">
        Their discount code or UTM value belongs to nobody here: <strong>{values.join(', ')}</strong>. Give the creator
        who used it that code in the Table view, then import the file again; orders already imported are skipped as
        duplicates.
      </p>
      <WideTable className="unmatched-rows">
        <Table size="sm" className="mb-0">
          <caption className="caption-top">Unmatched codes and UTM values</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Code or UTM value</th>
            </tr>
          </thead>
          <tbody>
            {unmatched.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                <td className="text-break">
                  <code>{row.value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </WideTable>
    </Alert>
  );
}

export function ImportOrdersDialog({
  campaignId,
  show,
  onClose,
}: {
  campaignId: string;
  show: boolean;
  onClose: () => void;
}) {
  const importMutation = useImportOrders();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');

  const close = () => {
    importMutation.reset();
    setCsv('');
    setFileName(null);
    onClose();
  };
  const rejection = hasCode(importMutation.error, 'import_rejected') ? importMutation.error : null;
  const rejected = rejection ? splitRejection(rejection.errors) : null;

  return (
    <FormDialog
      show={show}
      size="lg"
      title="Import orders"
      submitLabel="Import"
      cancelLabel={importMutation.isSuccess ? 'Done' : 'Cancel'}
      pending={importMutation.isPending}
      onCancel={close}
      onSubmit={() => csv.trim() && importMutation.mutate({ campaignId, csv, mode })}
    >
      <p>
        Your shop’s orders as a CSV file with the header <code>{ORDER_CSV_COLUMNS}</code>. Each order is credited to the
        creator whose discount code is in <code>code</code>, or whose handle is in <code>utm</code> (the{' '}
        <code>utm_content</code> of their link); fill in whichever your shop exports. Dates are <code>2026-11-02</code>;
        amounts are plain numbers with a three-letter currency.
      </p>
      <CsvInput
        idPrefix="import-orders"
        placeholder={`${ORDER_CSV_COLUMNS}\n2026-11-02,#1042,SUNNYMAYA,,39.90,USD\n2026-11-03,#1043,,mayabakes,24.50,USD`}
        csv={csv}
        fileName={fileName}
        onChange={(text, name) => {
          setCsv(text);
          setFileName(name);
        }}
      />
      <ImportModeChoice idPrefix="import-orders-mode" unit="lines" mode={mode} onChange={setMode} />

      {importMutation.isSuccess && (
        <>
          <UnmatchedRows unmatched={importMutation.data.unmatched} />
          <ImportSummary result={importMutation.data} />
          <RejectedRowsTable errors={importMutation.data.errors} caption="Rejected lines" />
        </>
      )}
      {rejection && rejected ? (
        <>
          <Alert variant="danger">{rejection.detail}</Alert>
          <UnmatchedRows unmatched={rejected.unmatched} />
          <RejectedRowsTable errors={rejected.bad} caption="Rejected lines" />
        </>
      ) : (
        <ProblemAlert error={importMutation.error} />
      )}
    </FormDialog>
  );
}
