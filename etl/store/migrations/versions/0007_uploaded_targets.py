"""target: agencies' own uploaded targets with provenance, review and history

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

CURRENT = "superseded_at IS NULL AND review = 'approved'"
REFERENCE = "submission_id IS NULL"
KEY = ['roadmap', 'indicator', 'agency', 'year', 'kind']


def upgrade() -> None:
    with op.batch_alter_table('target') as batch:
        batch.add_column(sa.Column('submission_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('sheet', sa.String(length=120), nullable=True))
        batch.add_column(sa.Column('cell', sa.String(length=20), nullable=True))
        batch.add_column(sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('recorded_by', sa.String(length=120), nullable=True))
        batch.add_column(sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('superseded_by', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('review', sa.String(length=10), server_default='approved', nullable=False))
        batch.create_foreign_key(batch.f('fk_target_submission_id_submission'), 'submission', ['submission_id'], ['id'])
        batch.create_foreign_key(batch.f('fk_target_superseded_by_submission'), 'submission', ['superseded_by'], ['id'])
        # An uploaded target and the reference row it corrects share the natural key.
        batch.drop_constraint('uq_target_key', type_='unique')
    with op.batch_alter_table('target') as batch:
        batch.create_index(batch.f('ix_target_submission_id'), ['submission_id'], unique=False)
        batch.create_index('uq_target_current', KEY, unique=True, sqlite_where=sa.text(CURRENT), postgresql_where=sa.text(CURRENT))
        batch.create_index('uq_target_reference', KEY, unique=True, sqlite_where=sa.text(REFERENCE), postgresql_where=sa.text(REFERENCE))


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM target WHERE submission_id IS NOT NULL"))
    with op.batch_alter_table('target') as batch:
        batch.drop_index('uq_target_reference')
        batch.drop_index('uq_target_current')
        batch.drop_index(batch.f('ix_target_submission_id'))
    with op.batch_alter_table('target') as batch:
        batch.create_unique_constraint('uq_target_key', KEY)
        batch.drop_constraint(batch.f('fk_target_superseded_by_submission'), type_='foreignkey')
        batch.drop_constraint(batch.f('fk_target_submission_id_submission'), type_='foreignkey')
        for name in ('review', 'superseded_by', 'superseded_at', 'recorded_by', 'recorded_at', 'cell', 'sheet', 'submission_id'):
            batch.drop_column(name)
