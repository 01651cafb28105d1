-- 0004_list_indexes: the indexes behind the API's case lists, which are
-- filtered by owner and status and come newest received first; without
-- them a page of 50 scanned every case.
CREATE INDEX cases_owner_status ON cases (owner_id, status, received_at);
CREATE INDEX cases_status_received ON cases (status, received_at);
