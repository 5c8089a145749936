// The operation spec type lives in @chime-api/wire, shared with the mocks and the SDK middleware.
export type {
  HeaderMemberSpec,
  MemberSpec,
  OperationSpec,
  OperationTable,
  PaginatorSpec,
  RequestStep,
  ResponseStep,
  WireCall,
} from '@chime-api/wire';
